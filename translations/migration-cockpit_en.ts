<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Alerts</name>
    <message>
        <source>Disable strict mode if it is on, investigate</source>
        <translation>Disable strict mode if it is on, investigate</translation>
    </message>
    <message>
        <source>Check ledger service health</source>
        <translation>Check ledger service health</translation>
    </message>
    <message>
        <source>Investigate ledger query performance</source>
        <translation>Investigate ledger query performance</translation>
    </message>
    <message>
        <source>%1 discrepancies in the last %2</source>
        <translation>%1 discrepancies in the last %2</translation>
    </message>
    <message>
        <source>success rate %1 (%2 ok, %3 failed)</source>
        <translation>success rate %1 (%2 ok, %3 failed)</translation>
    </message>
    <message>
        <source>p95 ledger %1, legacy %2</source>
        <translation>p95 ledger %1, legacy %2</translation>
    </message>
    <message>
        <source>not enough balance reads from both sources in %1</source>
        <translation>not enough balance reads from both sources in %1</translation>
    </message>
    <message>
        <source>no data (%1): %2</source>
        <translation>no data (%1): %2</translation>
    </message>
    <message>
        <source>discrepancies in the last %1: %2</source>
        <translation>discrepancies in the last %1: %2</translation>
    </message>
    <message>
        <source>success rate %1</source>
        <translation>success rate %1</translation>
    </message>
</context>
<context>
    <name>Cockpit::ActivityModel</name>
    <message>
        <source>info</source>
        <translation>info</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>warning</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>critical</translation>
    </message>
    <message numerus="yes">
        <source>%1
%n time(s) since %2</source>
        <translation>
            <numerusform>%1
%n time since %2</numerusform>
            <numerusform>%1
%n times since %2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (×%2)</source>
        <translation>%1 (×%2)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Event</translation>
    </message>
</context>
<context>
    <name>Cockpit::ActivityPanel</name>
    <message>
        <source>Sho&amp;w:</source>
        <translation>Sho&amp;w:</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Everything</translation>
    </message>
    <message>
        <source>Warnings and worse</source>
        <translation>Warnings and worse</translation>
    </message>
    <message>
        <source>Critical only</source>
        <translation>Critical only</translation>
    </message>
    <message>
        <source>Filter by source or text</source>
        <translation>Filter by source or text</translation>
    </message>
    <message>
        <source>Filter the activity</source>
        <translation>Filter the activity</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Activity</translation>
    </message>
</context>
<context>
    <name>Cockpit::AnalysisHistoryModel</name>
    <message>
        <source>Module</source>
        <translation>Module</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>no data</translation>
    </message>
    <message>
        <source>no verdict</source>
        <translation>no verdict</translation>
    </message>
    <message>
        <source>Nothing was rolled back.</source>
        <translation>Nothing was rolled back.</translation>
    </message>
    <message>
        <source>Judge</source>
        <translation>Judge</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>pass</translation>
    </message>
    <message>
        <source>Interval end (UTC)</source>
        <translation>Interval end (UTC)</translation>
    </message>
    <message>
        <source>too few samples</source>
        <translation>too few samples</translation>
    </message>
</context>
<context>
    <name>Cockpit::AuditLogModel</name>
    <message>
        <source>%1 (tampered)</source>
        <translation>%1 (tampered)</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Time (UTC)</translation>
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
        <translation>Action</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>Cockpit::AuditLogPage</name>
    <message>
        <source>Audit Log</source>
        <translation>Audit Log</translation>
    </message>
    <message>
        <source>Filter by migration</source>
        <translation>Filter by migration</translation>
    </message>
    <message>
        <source>Filter by action</source>
        <translation>Filter by action</translation>
    </message>
    <message>
        <source>Search operator, reason, evidence, output…</source>
        <translation>Search operator, reason, evidence, output…</translation>
    </message>
    <message>
        <source>Search audit log</source>
        <translation>Search audit log</translation>
    </message>
    <message>
        <source>&amp;Migration:</source>
        <translation>&amp;Migration:</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>&amp;Action:</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Search:</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <source>Export audit log</source>
        <translation>Export audit log</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>&amp;Verify</translation>
    </message>
    <message>
        <source>Verify audit log</source>
        <translation>Verify audit log</translation>
    </message>
    <message>
        <source>Check the SHA-256 chain: finds any edited, inserted or deleted entry</source>
        <translation>Check the SHA-256 chain: finds any edited, inserted or deleted entry</translation>
    </message>
    <message>
        <source>Export result</source>
        <translation>Export result</translation>
    </message>
    <message>
        <source>Not verified yet.</source>
        <translation>Not verified yet.</translation>
    </message>
    <message>
        <source>Verification result</source>
        <translation>Verification result</translation>
    </message>
    <message>
        <source>Audit entries</source>
        <translation>Audit entries</translation>
    </message>
    <message>
        <source>Entry details</source>
        <translation>Entry details</translation>
    </message>
    <message>
        <source>Select an entry to see every field.</source>
        <translation>Select an entry to see every field.</translation>
    </message>
    <message>
        <source>Cannot read the audit log: %1</source>
        <translation>Cannot read the audit log: %1</translation>
    </message>
    <message>
        <source>Cannot verify: %1</source>
        <translation>Cannot verify: %1</translation>
    </message>
    <message numerus="yes">
        <source>Verified: %n entries, hash chain intact.</source>
        <translation>
            <numerusform>Verified: %n entry, hash chain intact.</numerusform>
            <numerusform>Verified: %n entries, hash chain intact.</numerusform>
        </translation>
    </message>
    <message>
        <source>TAMPERED: %1</source>
        <translation>TAMPERED: %1</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export failed: %1</translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation>Verifying…</translation>
    </message>
    <message>
        <source>CSV (*.csv);;JSON (*.json)</source>
        <translation>CSV (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Entry %1 at %2 UTC</source>
        <translation>Entry %1 at %2 UTC</translation>
    </message>
    <message>
        <source>Operator: %1%2 on %3</source>
        <translation>Operator: %1%2 on %3</translation>
    </message>
    <message>
        <source>Environment: %1   Migration: %2   Action: %3</source>
        <translation>Environment: %1   Migration: %2   Action: %3</translation>
    </message>
    <message>
        <source>Result: %1</source>
        <translation>Result: %1</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Reason: %1</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Gate evidence:</source>
        <translation>Gate evidence:</translation>
    </message>
    <message>
        <source>Actuator output:</source>
        <translation>Actuator output:</translation>
    </message>
    <message>
        <source>Previous hash: %1</source>
        <translation>Previous hash: %1</translation>
    </message>
    <message>
        <source>Entry hash:    %1</source>
        <translation>Entry hash:    %1</translation>
    </message>
    <message>
        <source>Entries shown</source>
        <translation>Entries shown</translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n entries shown</source>
        <translation>
            <numerusform>%1 of %n entry shown</numerusform>
            <numerusform>%1 of %n entries shown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported all %n entries.</source>
        <translation>
            <numerusform>Exported the %n entry.</numerusform>
            <numerusform>Exported all %n entries.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported the %1 of %n entries the filters show.</source>
        <translation>
            <numerusform>Exported the %1 of %n entry the filters show.</numerusform>
            <numerusform>Exported the %1 of %n entries the filters show.</numerusform>
        </translation>
    </message>
    <message>
        <source>The audit log has no entries yet.</source>
        <translation>The audit log has no entries yet.</translation>
    </message>
    <message numerus="yes">
        <source>No entry matches the filters: %n hidden by them.</source>
        <translation>
            <numerusform>No entry matches the filters: %n hidden by them.</numerusform>
            <numerusform>No entry matches the filters: %n hidden by them.</numerusform>
        </translation>
    </message>
    <message>
        <source>All but session starts</source>
        <translation>All but session starts</translation>
    </message>
    <message>
        <source>Every action except environment_opened, the entry a window writes when it opens the environment</source>
        <translation>Every action except environment_opened, the entry a window writes when it opens the environment</translation>
    </message>
</context>
<context>
    <name>Cockpit::ControlStoreFollower</name>
    <message>
        <source>Migration control</source>
        <translation>Migration control</translation>
    </message>
    <message>
        <source>Transition interrupted (its holder stopped): %1. Resume or roll it back on the Overview.</source>
        <translation>Transition interrupted (its holder stopped): %1. Resume or roll it back on the Overview.</translation>
    </message>
    <message>
        <source>%1 rolled back automatically (%2): %3</source>
        <translation>%1 rolled back automatically (%2): %3</translation>
    </message>
    <message>
        <source>%1: a running transition was taken over by %2: %3</source>
        <translation>%1: a running transition was taken over by %2: %3</translation>
    </message>
    <message>
        <source>%1 by %2: %3</source>
        <translation>%1 by %2: %3</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Audit log</translation>
    </message>
</context>
<context>
    <name>Cockpit::DataTable</name>
    <message>
        <source>&amp;Columns</source>
        <translation>&amp;Columns</translation>
    </message>
    <message>
        <source>Column %1</source>
        <translation>Column %1</translation>
    </message>
    <message>
        <source>&amp;Fit Columns to Contents</source>
        <translation>&amp;Fit Columns to Contents</translation>
    </message>
    <message>
        <source>Copy &amp;Cell</source>
        <translation>Copy &amp;Cell</translation>
    </message>
    <message>
        <source>Copy &amp;Row</source>
        <translation>Copy &amp;Row</translation>
    </message>
    <message>
        <source>Copy Co&amp;lumn</source>
        <translation>Copy Co&amp;lumn</translation>
    </message>
    <message>
        <source>Copy Table as C&amp;SV</source>
        <translation>Copy Table as C&amp;SV</translation>
    </message>
    <message>
        <source>Copy Selection as C&amp;SV</source>
        <translation>Copy Selection as C&amp;SV</translation>
    </message>
</context>
<context>
    <name>Cockpit::DeploymentStatePage</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>S&amp;ync…</source>
        <translation>S&amp;ync…</translation>
    </message>
    <message>
        <source>&amp;Differences only</source>
        <translation>&amp;Differences only</translation>
    </message>
    <message>
        <source>LevelDB: %1    JSON files: %2</source>
        <translation>LevelDB: %1    JSON files: %2</translation>
    </message>
    <message>
        <source>Diff findings</source>
        <translation>Diff findings</translation>
    </message>
    <message>
        <source>Diff status</source>
        <translation>Diff status</translation>
    </message>
    <message>
        <source>Refresh diff</source>
        <translation>Refresh diff</translation>
    </message>
    <message>
        <source>Compare the stores again (F5)</source>
        <translation>Compare the stores again (F5)</translation>
    </message>
    <message>
        <source>Sync LevelDB to JSON</source>
        <translation>Sync LevelDB to JSON</translation>
    </message>
    <message>
        <source>Plan a sync LevelDB → JSON (dry run first; nothing is written until you apply)</source>
        <translation>Plan a sync LevelDB → JSON (dry run first; nothing is written until you apply)</translation>
    </message>
    <message>
        <source>Show differences only</source>
        <translation>Show differences only</translation>
    </message>
    <message>
        <source>Filter contracts…</source>
        <translation>Filter contracts…</translation>
    </message>
    <message>
        <source>Filter contracts by name</source>
        <translation>Filter contracts by name</translation>
    </message>
    <message>
        <source>Chain</source>
        <translation>Chain</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Health</translation>
    </message>
    <message>
        <source>Differences</source>
        <translation>Differences</translation>
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
        <translation>Records compared</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>Comparing…</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Error: %1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Note: %1</translation>
    </message>
    <message>
        <source>All chains</source>
        <translation>All chains</translation>
    </message>
    <message>
        <source>No JSON file for this chain</source>
        <translation>No JSON file for this chain</translation>
    </message>
    <message>
        <source>  (no file)</source>
        <translation>  (no file)</translation>
    </message>
    <message>
        <source>  (drift)</source>
        <translation>  (drift)</translation>
    </message>
    <message>
        <source>LevelDB networkName values: %1</source>
        <translation>LevelDB networkName values: %1</translation>
    </message>
    <message>
        <source>The environment is read-only</source>
        <translation>The environment is read-only</translation>
    </message>
    <message>
        <source>Plan a sync LevelDB → JSON (dry run first)</source>
        <translation>Plan a sync LevelDB → JSON (dry run first)</translation>
    </message>
    <message>
        <source>%1 of %2 records fail validation</source>
        <translation>%1 of %2 records fail validation</translation>
    </message>
    <message>
        <source>All %1 records pass validation</source>
        <translation>All %1 records pass validation</translation>
    </message>
    <message>
        <source>Compared at %1 UTC</source>
        <translation>Compared at %1 UTC</translation>
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
        <translation>Open discrepancies over time</translation>
    </message>
    <message>
        <source>Open discrepancies by account type</source>
        <translation>Open discrepancies by account type</translation>
    </message>
    <message>
        <source>Open discrepancies after each run</source>
        <translation>Open discrepancies after each run</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>time (UTC)</source>
        <translation>time (UTC)</translation>
    </message>
    <message>
        <source>No completed reconciliation run yet</source>
        <translation>No completed reconciliation run yet</translation>
    </message>
</context>
<context>
    <name>Cockpit::DiscrepancyModel</name>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Resolved by run %1 at %2</source>
        <translation>Resolved by run %1 at %2</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>First seen (UTC)</source>
        <translation>First seen (UTC)</translation>
    </message>
    <message>
        <source>Last seen (UTC)</source>
        <translation>Last seen (UTC)</translation>
    </message>
</context>
<context>
    <name>Cockpit::DiscrepancyPanel</name>
    <message numerus="yes">
        <source>%Ln discrepancies match the filter</source>
        <translation>
            <numerusform>%Ln discrepancy matches the filter</numerusform>
            <numerusform>%Ln discrepancies match the filter</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Run reconciliation now</source>
        <translation>&amp;Run reconciliation now</translation>
    </message>
    <message>
        <source>Compare every ledger balance with the legacy table (Ctrl+R)</source>
        <translation>Compare every ledger balance with the legacy table (Ctrl+R)</translation>
    </message>
    <message>
        <source>Run reconciliation now</source>
        <translation>Run reconciliation now</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>Cancel the reconciliation run</source>
        <translation>Cancel the reconciliation run</translation>
    </message>
    <message>
        <source>Reconciliation progress</source>
        <translation>Reconciliation progress</translation>
    </message>
    <message>
        <source>&amp;Live</source>
        <translation>&amp;Live</translation>
    </message>
    <message>
        <source>Re-check changed users continuously</source>
        <translation>Re-check changed users continuously</translation>
    </message>
    <message>
        <source>Live reconciliation</source>
        <translation>Live reconciliation</translation>
    </message>
    <message>
        <source>Database status</source>
        <translation>Database status</translation>
    </message>
    <message>
        <source>No run yet in this session.</source>
        <translation>No run yet in this session.</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>Last run</translation>
    </message>
    <message>
        <source>User id contains…</source>
        <translation>User id contains…</translation>
    </message>
    <message>
        <source>Filter by user</source>
        <translation>Filter by user</translation>
    </message>
    <message>
        <source>Filter by account type</source>
        <translation>Filter by account type</translation>
    </message>
    <message>
        <source>All account types</source>
        <translation>All account types</translation>
    </message>
    <message>
        <source>min</source>
        <translation>min</translation>
    </message>
    <message>
        <source>Smallest absolute difference</source>
        <translation>Smallest absolute difference</translation>
    </message>
    <message>
        <source>max</source>
        <translation>max</translation>
    </message>
    <message>
        <source>Largest absolute difference</source>
        <translation>Largest absolute difference</translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation>Filter by status</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>Open and resolved</source>
        <translation>Open and resolved</translation>
    </message>
    <message>
        <source>Export C&amp;SV…</source>
        <translation>Export C&amp;SV…</translation>
    </message>
    <message>
        <source>Export the filtered discrepancies as CSV</source>
        <translation>Export the filtered discrepancies as CSV</translation>
    </message>
    <message>
        <source>Export &amp;JSON…</source>
        <translation>Export &amp;JSON…</translation>
    </message>
    <message>
        <source>Export the filtered discrepancies as JSON</source>
        <translation>Export the filtered discrepancies as JSON</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;User:</translation>
    </message>
    <message>
        <source>&amp;Amount:</source>
        <translation>&amp;Amount:</translation>
    </message>
    <message>
        <source>Discrepancies</source>
        <translation>Discrepancies</translation>
    </message>
    <message>
        <source>Not an exact amount, e.g. 0.01</source>
        <translation>Not an exact amount, e.g. 0.01</translation>
    </message>
    <message>
        <source>Amount filter is not a number</source>
        <translation>Amount filter is not a number</translation>
    </message>
    <message>
        <source>Reconciliation running… %1 discrepancies found so far</source>
        <translation>Reconciliation running… %1 discrepancies found so far</translation>
    </message>
    <message>
        <source>%p% · starting</source>
        <translation>%p% · starting</translation>
    </message>
    <message>
        <source>Reconciliation running…</source>
        <translation>Reconciliation running…</translation>
    </message>
    <message>
        <source>cancelling…</source>
        <translation>cancelling…</translation>
    </message>
    <message>
        <source>elapsed %1 s</source>
        <translation>elapsed %1 s</translation>
    </message>
    <message>
        <source>about %1 s left</source>
        <translation>about %1 s left</translation>
    </message>
    <message>
        <source>finishing…</source>
        <translation>finishing…</translation>
    </message>
    <message>
        <source>%p% · done</source>
        <translation>%p% · done</translation>
    </message>
    <message>
        <source>Run %1 complete in %2 s: %3 accounts checked, %4 discrepancies (%5), %6 new, %7 resolved. Ledger invariants: %8 violations.</source>
        <translation>Run %1 complete in %2 s: %3 accounts checked, %4 discrepancies (%5), %6 new, %7 resolved. Ledger invariants: %8 violations.</translation>
    </message>
    <message>
        <source>%p% · %1</source>
        <translation>%p% · %1</translation>
    </message>
    <message>
        <source>Run %1 %2, its results are incomplete and were not stored: %3</source>
        <translation>Run %1 %2, its results are incomplete and were not stored: %3</translation>
    </message>
    <message>
        <source>was cancelled</source>
        <translation>was cancelled</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>● Database reachable</source>
        <translation>● Database reachable</translation>
    </message>
    <message>
        <source>● Database unreachable, retrying</source>
        <translation>● Database unreachable, retrying</translation>
    </message>
    <message>
        <source>● Database unreachable</source>
        <translation>● Database unreachable</translation>
    </message>
    <message>
        <source>Export discrepancies as JSON</source>
        <translation>Export discrepancies as JSON</translation>
    </message>
    <message>
        <source>Export discrepancies as CSV</source>
        <translation>Export discrepancies as CSV</translation>
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
        <translation>Exported %1 discrepancies to %2</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export failed: %1</translation>
    </message>
    <message>
        <source>Discrepancies found so far by the running reconciliation (stored when it completes):</source>
        <translation>Discrepancies found so far by the running reconciliation (stored when it completes):</translation>
    </message>
    <message>
        <source>Show &amp;stored discrepancies</source>
        <translation>Show &amp;stored discrepancies</translation>
    </message>
    <message>
        <source>Show the stored discrepancies</source>
        <translation>Show the stored discrepancies</translation>
    </message>
    <message>
        <source>Discrepancies of the running reconciliation</source>
        <translation>Discrepancies of the running reconciliation</translation>
    </message>
    <message>
        <source>Reconciliation running… %1 discrepancies found so far (the first %2 are listed below)</source>
        <translation>Reconciliation running… %1 discrepancies found so far (the first %2 are listed below)</translation>
    </message>
    <message>
        <source>The run %1 before it started: %2</source>
        <translation>The run %1 before it started: %2</translation>
    </message>
    <message numerus="yes">
        <source>Partial results of a run that did not complete: %n discrepancies found before it stopped. Not stored, not a complete picture.</source>
        <translation>
            <numerusform>Partial results of a run that did not complete: %n discrepancy found before it stopped. Not stored, not a complete picture.</numerusform>
            <numerusform>Partial results of a run that did not complete: %n discrepancies found before it stopped. Not stored, not a complete picture.</numerusform>
        </translation>
    </message>
    <message>
        <source>An export is still running; try again when it is done.</source>
        <translation>An export is still running; try again when it is done.</translation>
    </message>
    <message>
        <source>&amp;Look Up User</source>
        <translation>&amp;Look Up User</translation>
    </message>
</context>
<context>
    <name>Cockpit::EnvironmentBar</name>
    <message>
        <source>PRODUCTION</source>
        <translation>PRODUCTION</translation>
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
        <translation>READ-ONLY: actions disabled</translation>
    </message>
    <message>
        <source>Ledger DB</source>
        <translation>Ledger DB</translation>
    </message>
    <message>
        <source>LevelDB</source>
        <translation>LevelDB</translation>
    </message>
    <message>
        <source>JSON folder</source>
        <translation>JSON folder</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Metrics</translation>
    </message>
    <message>
        <source>Environment kind: %1</source>
        <translation>Environment kind: %1</translation>
    </message>
    <message>
        <source>Environment: %1</source>
        <translation>Environment: %1</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>login refused</source>
        <translation>login refused</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>permission denied</translation>
    </message>
    <message>
        <source>schema mismatch</source>
        <translation>schema mismatch</translation>
    </message>
    <message>
        <source>not set up</source>
        <translation>not set up</translation>
    </message>
    <message>
        <source>&amp;Copy Path</source>
        <translation>&amp;Copy Path</translation>
    </message>
</context>
<context>
    <name>Cockpit::LedgerBalanceModel</name>
    <message>
        <source>overflow</source>
        <translation>overflow</translation>
    </message>
    <message>
        <source>⚠ Discrepancy</source>
        <translation>⚠ Discrepancy</translation>
    </message>
    <message>
        <source>✓ In sync</source>
        <translation>✓ In sync</translation>
    </message>
    <message>
        <source>Account type</source>
        <translation>Account type</translation>
    </message>
    <message>
        <source>Legacy column</source>
        <translation>Legacy column</translation>
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
        <translation>Difference</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
</context>
<context>
    <name>Cockpit::LedgerCharts</name>
    <message>
        <source>Discrepancies and failures per second</source>
        <translation>Discrepancies and failures per second</translation>
    </message>
    <message>
        <source>Discrepancies</source>
        <translation>Discrepancies</translation>
    </message>
    <message>
        <source>Shadow-write failures</source>
        <translation>Shadow-write failures</translation>
    </message>
    <message>
        <source>Failed ledger writes</source>
        <translation>Failed ledger writes</translation>
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
        <translation>Discrepancies and failures chart</translation>
    </message>
    <message>
        <source>Balance query latency chart</source>
        <translation>Balance query latency chart</translation>
    </message>
    <message>
        <source>time (UTC)</source>
        <translation>time (UTC)</translation>
    </message>
    <message>
        <source>Discrepancies in the preceding %1</source>
        <translation>Discrepancies in the preceding %1</translation>
    </message>
    <message>
        <source>Balance query p95 (%1)</source>
        <translation>Balance query p95 (%1)</translation>
    </message>
    <message>
        <source>Source: %1.</source>
        <translation>Source: %1.</translation>
    </message>
    <message>
        <source>Not shown: %1</source>
        <translation>Not shown: %1</translation>
    </message>
    <message>
        <source>the cockpit&apos;s own ledger store</source>
        <translation>the cockpit&apos;s own ledger store</translation>
    </message>
</context>
<context>
    <name>Cockpit::LedgerHistoryModel</name>
    <message>
        <source>debit</source>
        <translation>debit</translation>
    </message>
    <message>
        <source>credit</source>
        <translation>credit</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Time (UTC)</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Entry</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Transaction</source>
        <translation>Transaction</translation>
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
        <translation>Ledger alerts</translation>
    </message>
    <message>
        <source>Ledger database: %1</source>
        <translation>Ledger database: %1</translation>
    </message>
    <message>
        <source>Loading metrics…</source>
        <translation>Loading metrics…</translation>
    </message>
    <message>
        <source>Ledger metrics summary</source>
        <translation>Ledger metrics summary</translation>
    </message>
    <message>
        <source>Ledger migration gates</source>
        <translation>Ledger migration gates</translation>
    </message>
    <message>
        <source>Gate</source>
        <translation>Gate</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>User id, e.g. user-7</source>
        <translation>User id, e.g. user-7</translation>
    </message>
    <message>
        <source>User id</source>
        <translation>User id</translation>
    </message>
    <message>
        <source>&amp;Look up</source>
        <translation>&amp;Look up</translation>
    </message>
    <message>
        <source>Look up user</source>
        <translation>Look up user</translation>
    </message>
    <message>
        <source>Ledger and legacy balances</source>
        <translation>Ledger and legacy balances</translation>
    </message>
    <message>
        <source>Transaction history</source>
        <translation>Transaction history</translation>
    </message>
    <message>
        <source>&amp;Start demo workload</source>
        <translation>&amp;Start demo workload</translation>
    </message>
    <message>
        <source>Demo workload</source>
        <translation>Demo workload</translation>
    </message>
    <message>
        <source>Demo workload: deposits, orders, fills and releases with failing legacy writes.</source>
        <translation>Demo workload: deposits, orders, fills and releases with failing legacy writes.</translation>
    </message>
    <message>
        <source>The demo workload runs only in a writable demo environment.</source>
        <translation>The demo workload runs only in a writable demo environment.</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Health</translation>
    </message>
    <message>
        <source>User lookup</source>
        <translation>User lookup</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;User:</translation>
    </message>
    <message>
        <source>Type a user id first.</source>
        <translation>Type a user id first.</translation>
    </message>
    <message>
        <source>Looking up %1…</source>
        <translation>Looking up %1…</translation>
    </message>
    <message>
        <source>✓ No ledger alerts firing (window %1 s).</source>
        <translation>✓ No ledger alerts firing (window %1 s).</translation>
    </message>
    <message>
        <source>Last %1 s: write success rate %2 (%3 ok, %4 failed, %5 refused) · shadow-write failures %6 · discrepancies %7 · p95 balance read ledger %8 µs / legacy %9 µs · p95 dual-write lag %10 µs</source>
        <translation>Last %1 s: write success rate %2 (%3 ok, %4 failed, %5 refused) · shadow-write failures %6 · discrepancies %7 · p95 balance read ledger %8 µs / legacy %9 µs · p95 dual-write lag %10 µs</translation>
    </message>
    <message>
        <source>✓ pass</source>
        <translation>✓ pass</translation>
    </message>
    <message>
        <source>✗ fail</source>
        <translation>✗ fail</translation>
    </message>
    <message>
        <source>? inconclusive</source>
        <translation>? inconclusive</translation>
    </message>
    <message>
        <source>⚠ %1: ledger and legacy differ beyond the tolerance %2.</source>
        <translation>⚠ %1: ledger and legacy differ beyond the tolerance %2.</translation>
    </message>
    <message>
        <source>Lookup failed: %1</source>
        <translation>Lookup failed: %1</translation>
    </message>
    <message>
        <source>Workload stopped: %1</source>
        <translation>Workload stopped: %1</translation>
    </message>
    <message>
        <source>&amp;Stop demo workload</source>
        <translation>&amp;Stop demo workload</translation>
    </message>
    <message>
        <source>? No data from the service&apos;s telemetry for %1 (%2): not judged, not healthy.</source>
        <translation>? No data from the service&apos;s telemetry for %1 (%2): not judged, not healthy.</translation>
    </message>
    <message>
        <source>✓ No ledger alerts firing in the service&apos;s telemetry (%1, window %2 s).</source>
        <translation>✓ No ledger alerts firing in the service&apos;s telemetry (%1, window %2 s).</translation>
    </message>
    <message>
        <source>✗ Ledger health cannot be read, retrying: %1</source>
        <translation>✗ Ledger health cannot be read, retrying: %1</translation>
    </message>
    <message>
        <source>%1 has no ledger accounts and no legacy balances.</source>
        <translation>%1 has no ledger accounts and no legacy balances.</translation>
    </message>
    <message numerus="yes">
        <source>✓ %1: ledger and legacy agree; %n entries shown.</source>
        <translation>
            <numerusform>✓ %1: ledger and legacy agree; %n entry shown.</numerusform>
            <numerusform>✓ %1: ledger and legacy agree; %n entries shown.</numerusform>
        </translation>
    </message>
    <message>
        <source>? The service&apos;s telemetry did not answer (%1): %2. Nothing is judged.</source>
        <translation>? The service&apos;s telemetry did not answer (%1): %2. Nothing is judged.</translation>
    </message>
    <message>
        <source>%1 %2 started firing: %3. %4</source>
        <translation>%1 %2 started firing: %3. %4</translation>
    </message>
    <message>
        <source>%1 stopped firing</source>
        <translation>%1 stopped firing</translation>
    </message>
    <message>
        <source>The service&apos;s telemetry did not answer (%1): %2</source>
        <translation>The service&apos;s telemetry did not answer (%1): %2</translation>
    </message>
    <message>
        <source>Firing: %1</source>
        <translation>Firing: %1</translation>
    </message>
    <message>
        <source>The demo workload cannot start: %1</source>
        <translation>The demo workload cannot start: %1</translation>
    </message>
    <message>
        <source>Demo workload stopped: %1</source>
        <translation>Demo workload stopped: %1</translation>
    </message>
    <message>
        <source>No metrics while the ledger health cannot be read.</source>
        <translation>No metrics while the ledger health cannot be read.</translation>
    </message>
    <message>
        <source>Needed for</source>
        <translation>Needed for</translation>
    </message>
    <message>
        <source>The transitions into these phases wait for this gate</source>
        <translation>The transitions into these phases wait for this gate</translation>
    </message>
    <message>
        <source>? No data in the last %1 s for %2 (no ledger writes or balance reads): not judged, not healthy.</source>
        <translation>? No data in the last %1 s for %2 (no ledger writes or balance reads): not judged, not healthy.</translation>
    </message>
    <message>
        <source>CRITICAL</source>
        <translation>CRITICAL</translation>
    </message>
    <message>
        <source>HIGH</source>
        <translation>HIGH</translation>
    </message>
    <message>
        <source>MEDIUM</source>
        <translation>MEDIUM</translation>
    </message>
</context>
<context>
    <name>Cockpit::LedgerWorkload</name>
    <message>
        <source>%1 operations, %2 legacy-write failures, %3 discrepancies seen</source>
        <translation>%1 operations, %2 legacy-write failures, %3 discrepancies seen</translation>
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
        <translation>Pages</translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Ctrl+%2)</translation>
    </message>
    <message numerus="yes">
        <source>%n backend(s) unreachable — hover the red lights for details</source>
        <translation>
            <numerusform>%n backend unreachable — hover the red lights for details</numerusform>
            <numerusform>%n backends unreachable — hover the red lights for details</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Open Environment…</source>
        <translation>&amp;Open Environment…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Open &amp;Recent</translation>
    </message>
    <message>
        <source>Re&amp;load Environment</source>
        <translation>Re&amp;load Environment</translation>
    </message>
    <message>
        <source>Read-&amp;only Mode</source>
        <translation>Read-&amp;only Mode</translation>
    </message>
    <message>
        <source>Disable every action that changes a migration</source>
        <translation>Disable every action that changes a migration</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <source>Operator &amp;Name…</source>
        <translation>Operator &amp;Name…</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>&amp;System Default</source>
        <translation>&amp;System Default</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>The new language is used from the next start of Migration Cockpit.</source>
        <translation>The new language is used from the next start of Migration Cockpit.</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>Check &amp;Backends Now</source>
        <translation>Check &amp;Backends Now</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Keyboard Shortcuts</translation>
    </message>
    <message>
        <source>&amp;About Migration Cockpit</source>
        <translation>&amp;About Migration Cockpit</translation>
    </message>
    <message>
        <source>About Migration Cockpit</source>
        <translation>About Migration Cockpit</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Migration Cockpit %1&lt;/h3&gt;&lt;p&gt;Run risky data and code migrations against staging and production, and see at every moment whether it is safe to go on.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Migration Cockpit %1&lt;/h3&gt;&lt;p&gt;Run risky data and code migrations against staging and production, and see at every moment whether it is safe to go on.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>No recent environments</source>
        <translation>No recent environments</translation>
    </message>
    <message>
        <source>Open Environment</source>
        <translation>Open Environment</translation>
    </message>
    <message>
        <source>Environment files (*.json)</source>
        <translation>Environment files (*.json)</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>Opening %1…</translation>
    </message>
    <message>
        <source>%1 (%2) — Migration Cockpit</source>
        <translation>%1 (%2) — Migration Cockpit</translation>
    </message>
    <message>
        <source>Operator: %1 on %2</source>
        <translation>Operator: %1 on %2</translation>
    </message>
    <message>
        <source>Cannot open environment</source>
        <translation>Cannot open environment</translation>
    </message>
    <message>
        <source>The environment file %1 cannot be opened.</source>
        <translation>The environment file %1 cannot be opened.</translation>
    </message>
    <message numerus="yes">
        <source>
… and %n more</source>
        <translation>
            <numerusform>
… and %n more</numerusform>
            <numerusform>
… and %n more</numerusform>
        </translation>
    </message>
    <message>
        <source>Operator Name</source>
        <translation>Operator Name</translation>
    </message>
    <message>
        <source>Name recorded with your OS user in the audit log:</source>
        <translation>Name recorded with your OS user in the audit log:</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Keyboard Shortcuts</translation>
    </message>
    <message>
        <source>&amp;Activity</source>
        <translation>&amp;Activity</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>Show the background activity (Ctrl+Shift+A)</source>
        <translation>Show the background activity (Ctrl+Shift+A)</translation>
    </message>
    <message numerus="yes">
        <source>⚠ Activity: %n new warning(s)</source>
        <translation>
            <numerusform>⚠ Activity: %n new warning</numerusform>
            <numerusform>⚠ Activity: %n new warnings</numerusform>
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
        <translation>%1 is reachable again (%2)</translation>
    </message>
    <message>
        <source>%1 is unreachable: %2</source>
        <translation>%1 is unreachable: %2</translation>
    </message>
    <message>
        <source>&lt;table cellspacing=6&gt;%1&lt;tr&gt;&lt;td&gt;Ctrl+O&lt;/td&gt;&lt;td&gt;Open environment&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;F5&lt;/td&gt;&lt;td&gt;Refresh the current page&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+Shift+F5&lt;/td&gt;&lt;td&gt;Reload environment&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+B&lt;/td&gt;&lt;td&gt;Check backends now&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+R&lt;/td&gt;&lt;td&gt;Run reconciliation now (Ledger, Discrepancies)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+Shift+A&lt;/td&gt;&lt;td&gt;Activity panel&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+Shift+R&lt;/td&gt;&lt;td&gt;Read-only mode&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+Q&lt;/td&gt;&lt;td&gt;Quit&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;table cellspacing=6&gt;%1&lt;tr&gt;&lt;td&gt;Ctrl+O&lt;/td&gt;&lt;td&gt;Open environment&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;F5&lt;/td&gt;&lt;td&gt;Refresh the current page&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+Shift+F5&lt;/td&gt;&lt;td&gt;Reload environment&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+B&lt;/td&gt;&lt;td&gt;Check backends now&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+R&lt;/td&gt;&lt;td&gt;Run reconciliation now (Ledger, Discrepancies)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+Shift+A&lt;/td&gt;&lt;td&gt;Activity panel&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+Shift+R&lt;/td&gt;&lt;td&gt;Read-only mode&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+Q&lt;/td&gt;&lt;td&gt;Quit&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>&amp;Colour Scheme</source>
        <translation>&amp;Colour Scheme</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Light</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dark</translation>
    </message>
    <message>
        <source>&lt;table cellspacing=6&gt;&lt;tr&gt;&lt;td&gt;In a chart&lt;/td&gt;&lt;td&gt;Drag: zoom · Shift+drag: pan · + − ← →: zoom and pan · Home or Escape: whole range · click a legend entry: hide or show it&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;In a table&lt;/td&gt;&lt;td&gt;Ctrl+C: copy the selected rows · Enter or double-click: open · Tab: leave the table · right-click: copy, columns&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;table cellspacing=6&gt;&lt;tr&gt;&lt;td&gt;In a chart&lt;/td&gt;&lt;td&gt;Drag: zoom · Shift+drag: pan · + − ← →: zoom and pan · Home or Escape: whole range · click a legend entry: hide or show it&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;In a table&lt;/td&gt;&lt;td&gt;Ctrl+C: copy the selected rows · Enter or double-click: open · Tab: leave the table · right-click: copy, columns&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>All backends reachable — checked %1 UTC</source>
        <translation>All backends reachable — checked %1 UTC</translation>
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
        <translation>Health</translation>
    </message>
    <message>
        <source>Next transition&apos;s gates</source>
        <translation>Next transition&apos;s gates</translation>
    </message>
    <message>
        <source>Latest audit entries</source>
        <translation>Latest audit entries</translation>
    </message>
    <message>
        <source>Phase &lt;b&gt;%1&lt;/b&gt; — %2 · version %3 · changed by %4 at %5 UTC</source>
        <translation>Phase &lt;b&gt;%1&lt;/b&gt; — %2 · version %3 · changed by %4 at %5 UTC</translation>
    </message>
    <message>
        <source>Interrupted transition %1 → %2: resume or roll back</source>
        <translation>Interrupted transition %1 → %2: resume or roll back</translation>
    </message>
    <message>
        <source>Complete: final phase reached</source>
        <translation>Complete: final phase reached</translation>
    </message>
    <message>
        <source>Holding: the next transition is gated</source>
        <translation>Holding: the next transition is gated</translation>
    </message>
    <message>
        <source>Healthy: ready for the next transition</source>
        <translation>Healthy: ready for the next transition</translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation>Healthy</translation>
    </message>
    <message>
        <source>Next: %1 → %2 (%3) · gates passing: %4 of %5</source>
        <translation>Next: %1 → %2 (%3) · gates passing: %4 of %5</translation>
    </message>
    <message>
        <source>Next: %1 → %2 (%3) · gates not evaluated yet</source>
        <translation>Next: %1 → %2 (%3) · gates not evaluated yet</translation>
    </message>
    <message>
        <source>Not passing:</source>
        <translation>Not passing:</translation>
    </message>
    <message>
        <source>No audit entries yet</source>
        <translation>No audit entries yet</translation>
    </message>
    <message>
        <source>Latest:</source>
        <translation>Latest:</translation>
    </message>
    <message>
        <source>Phase &lt;b&gt;%1&lt;/b&gt; — %2 · initial phase, not changed yet</source>
        <translation>Phase &lt;b&gt;%1&lt;/b&gt; — %2 · initial phase, not changed yet</translation>
    </message>
    <message>
        <source>Transition %1 → %2 running on %3</source>
        <translation>Transition %1 → %2 running on %3</translation>
    </message>
</context>
<context>
    <name>Cockpit::OverviewPage</name>
    <message>
        <source>Overview</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Overview status</source>
        <translation>Overview status</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>Refresh overview</source>
        <translation>Refresh overview</translation>
    </message>
    <message>
        <source>READ-ONLY session: Cutover and Rollback are disabled.</source>
        <translation>READ-ONLY session: Cutover and Rollback are disabled.</translation>
    </message>
    <message>
        <source>Error: cannot read the control database: %1</source>
        <translation>Error: cannot read the control database: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n interrupted transition(s) need attention</source>
        <translation>
            <numerusform>%n interrupted transition need attention</numerusform>
            <numerusform>%n interrupted transitions need attention</numerusform>
        </translation>
    </message>
    <message>
        <source> · updated %1 UTC</source>
        <translation> · updated %1 UTC</translation>
    </message>
    <message numerus="yes">
        <source>%n migration(s) · updated %1 UTC</source>
        <translation>
            <numerusform>%n migration · updated %1 UTC</numerusform>
            <numerusform>%n migrations · updated %1 UTC</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n transition(s) running</source>
        <translation>
            <numerusform>%n transition running</numerusform>
            <numerusform>%n transitions running</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Cockpit::PhaseStepper</name>
    <message>
        <source>Phases of %1</source>
        <translation>Phases of %1</translation>
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
        <translation>%1, current phase</translation>
    </message>
    <message>
        <source>%1, done</source>
        <translation>%1, done</translation>
    </message>
    <message>
        <source>%1, ahead</source>
        <translation>%1, ahead</translation>
    </message>
    <message>
        <source>Interrupted transition %1 → %2 (started by %3 on %4). Resume it or roll it back.</source>
        <translation>Interrupted transition %1 → %2 (started by %3 on %4). Resume it or roll it back.</translation>
    </message>
    <message>
        <source>&amp;Resume…</source>
        <translation>&amp;Resume…</translation>
    </message>
    <message>
        <source>Read-only session: actions are disabled</source>
        <translation>Read-only session: actions are disabled</translation>
    </message>
    <message>
        <source>%1 → %2: %3</source>
        <translation>%1 → %2: %3</translation>
    </message>
    <message>
        <source>Final phase</source>
        <translation>Final phase</translation>
    </message>
    <message>
        <source>Nothing to roll back</source>
        <translation>Nothing to roll back</translation>
    </message>
    <message>
        <source>Transition %1 → %2 is running (by %3 on %4, heartbeat %5 s ago).</source>
        <translation>Transition %1 → %2 is running (by %3 on %4, heartbeat %5 s ago).</translation>
    </message>
</context>
<context>
    <name>Cockpit::ReconcileJob</name>
    <message>
        <source>Connecting to %1</source>
        <translation>Connecting to %1</translation>
    </message>
    <message>
        <source>Reconciling; the last complete run took %1 s</source>
        <translation>Reconciling; the last complete run took %1 s</translation>
    </message>
</context>
<context>
    <name>Cockpit::RecordCompareView</name>
    <message>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>LevelDB</source>
        <translation>LevelDB</translation>
    </message>
    <message>
        <source>JSON file</source>
        <translation>JSON file</translation>
    </message>
    <message>
        <source>Record compared side by side</source>
        <translation>Record compared side by side</translation>
    </message>
    <message>
        <source>Select a record to compare the two stores.</source>
        <translation>Select a record to compare the two stores.</translation>
    </message>
    <message>
        <source>%1 on chain %2</source>
        <translation>%1 on chain %2</translation>
    </message>
    <message>
        <source>(absent)</source>
        <translation>(absent)</translation>
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
        <translation>named in JSON</translation>
    </message>
    <message>
        <source>health</source>
        <translation>health</translation>
    </message>
    <message>
        <source>differs</source>
        <translation>differs</translation>
    </message>
</context>
<context>
    <name>Cockpit::RolloutChartPanel</name>
    <message>
        <source>Throughput (tx/s)</source>
        <translation>Throughput (tx/s)</translation>
    </message>
    <message>
        <source>Memory (MiB)</source>
        <translation>Memory (MiB)</translation>
    </message>
    <message>
        <source>Error rate (%)</source>
        <translation>Error rate (%)</translation>
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
        <translation>Latency p95 (ms)</translation>
    </message>
    <message>
        <source>limit</source>
        <translation>limit</translation>
    </message>
    <message>
        <source>V2 %</source>
        <translation>V2 %</translation>
    </message>
    <message>
        <source>No V1 or V2 samples in this time range</source>
        <translation>No V1 or V2 samples in this time range</translation>
    </message>
</context>
<context>
    <name>Cockpit::RolloutLaneController</name>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>Pause the selected module: no promotion and no automatic action until resumed</source>
        <translation>Pause the selected module: no promotion and no automatic action until resumed</translation>
    </message>
    <message>
        <source>%1 paused.</source>
        <translation>%1 paused.</translation>
    </message>
    <message>
        <source>%1 resumed.</source>
        <translation>%1 resumed.</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Resume</translation>
    </message>
    <message>
        <source>Resume %1</source>
        <translation>Resume %1</translation>
    </message>
    <message>
        <source>Pause %1</source>
        <translation>Pause %1</translation>
    </message>
    <message>
        <source>Who guards this environment</source>
        <translation>Who guards this environment</translation>
    </message>
    <message>
        <source>Automatic rollback on</source>
        <translation>Automatic rollback on</translation>
    </message>
    <message>
        <source>Automatic rollback OFF</source>
        <translation>Automatic rollback OFF</translation>
    </message>
    <message>
        <source> (the configuration&apos;s default)</source>
        <translation> (the configuration&apos;s default)</translation>
    </message>
    <message>
        <source> (set by %1: %2)</source>
        <translation> (set by %1: %2)</translation>
    </message>
    <message>
        <source>. Guard: %1 on %2, heartbeat %3 s ago.</source>
        <translation>. Guard: %1 on %2, heartbeat %3 s ago.</translation>
    </message>
    <message>
        <source>The configuration&apos;s default. Click to change it for every cockpit and guard of this environment (audited, with a reason).</source>
        <translation>The configuration&apos;s default. Click to change it for every cockpit and guard of this environment (audited, with a reason).</translation>
    </message>
    <message>
        <source>Set by %1: %2. Click to change it (audited, with a reason).</source>
        <translation>Set by %1: %2. Click to change it (audited, with a reason).</translation>
    </message>
    <message>
        <source>Another action is still running; automatic rollback was not changed.</source>
        <translation>Another action is still running; automatic rollback was not changed.</translation>
    </message>
    <message>
        <source>Automatic rollback was not changed: %1</source>
        <translation>Automatic rollback was not changed: %1</translation>
    </message>
    <message>
        <source>Automatic rollback is on for this environment.</source>
        <translation>Automatic rollback is on for this environment.</translation>
    </message>
    <message>
        <source>Automatic rollback is OFF for this environment: breaches are only reported.</source>
        <translation>Automatic rollback is OFF for this environment: breaches are only reported.</translation>
    </message>
    <message>
        <source>Another action is still running; try again when it is done.</source>
        <translation>Another action is still running; try again when it is done.</translation>
    </message>
    <message>
        <source>. No guard runs, and this read-only window does not guard: a breach is not rolled back.</source>
        <translation>. No guard runs, and this read-only window does not guard: a breach is not rolled back.</translation>
    </message>
    <message>
        <source>. No guard runs: a breach is not rolled back.</source>
        <translation>. No guard runs: a breach is not rolled back.</translation>
    </message>
    <message>
        <source>. This window holds the guard lease: once it is closed, a breach is rolled back only if a headless guard takes over (cockpitctl guard).</source>
        <translation>. This window holds the guard lease: once it is closed, a breach is rolled back only if a headless guard takes over (cockpitctl guard).</translation>
    </message>
    <message>
        <source>. Guard: %1 on %2, heartbeat %3 s ago; a cockpit window guards only while it is open.</source>
        <translation>. Guard: %1 on %2, heartbeat %3 s ago; a cockpit window guards only while it is open.</translation>
    </message>
    <message>
        <source>Turn automatic rollback on</source>
        <translation>Turn automatic rollback on</translation>
    </message>
    <message>
        <source>Turn automatic rollback off</source>
        <translation>Turn automatic rollback off</translation>
    </message>
    <message>
        <source>From now on, a confirmed breach of a module under rollout is rolled back to V1 by the guard of &lt;b&gt;%1&lt;/b&gt;, whichever cockpit or headless guard holds its lease.</source>
        <translation>From now on, a confirmed breach of a module under rollout is rolled back to V1 by the guard of &lt;b&gt;%1&lt;/b&gt;, whichever cockpit or headless guard holds its lease.</translation>
    </message>
    <message>
        <source>&lt;b&gt;The safety net of %1 is switched off for every cockpit and guard&lt;/b&gt;: a confirmed breach is then only reported, never rolled back, until someone turns it on again.</source>
        <translation>&lt;b&gt;The safety net of %1 is switched off for every cockpit and guard&lt;/b&gt;: a confirmed breach is then only reported, never rolled back, until someone turns it on again.</translation>
    </message>
    <message>
        <source>Turn &amp;on</source>
        <translation>Turn &amp;on</translation>
    </message>
    <message>
        <source>Turn &amp;off</source>
        <translation>Turn &amp;off</translation>
    </message>
    <message>
        <source>Who guards this environment is unknown: %1</source>
        <translation>Who guards this environment is unknown: %1</translation>
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
        <translation>%1 (paused)</translation>
    </message>
    <message>
        <source>metrics unavailable</source>
        <translation>metrics unavailable</translation>
    </message>
    <message>
        <source>not analysed</source>
        <translation>not analysed</translation>
    </message>
    <message>
        <source>✔ pass</source>
        <translation>✔ pass</translation>
    </message>
    <message>
        <source>? inconclusive</source>
        <translation>? inconclusive</translation>
    </message>
    <message>
        <source>⚠ failing</source>
        <translation>⚠ failing</translation>
    </message>
    <message>
        <source>✖ breach</source>
        <translation>✖ breach</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>Module</translation>
    </message>
    <message>
        <source>V1 / V2 %</source>
        <translation>V1 / V2 %</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Step</translation>
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
        <translation>Metrics: built-in simulator (seed %1)</translation>
    </message>
    <message>
        <source>Metrics: Prometheus at %1</source>
        <translation>Metrics: Prometheus at %1</translation>
    </message>
    <message>
        <source>&amp;Range:</source>
        <translation>&amp;Range:</translation>
    </message>
    <message>
        <source>Time range</source>
        <translation>Time range</translation>
    </message>
    <message>
        <source>15 minutes</source>
        <translation>15 minutes</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 hour</translation>
    </message>
    <message>
        <source>6 hours</source>
        <translation>6 hours</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 day</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 days</translation>
    </message>
    <message>
        <source>&amp;Auto-rollback</source>
        <translation>&amp;Auto-rollback</translation>
    </message>
    <message>
        <source>Automatic rollback on a confirmed breach</source>
        <translation>Automatic rollback on a confirmed breach</translation>
    </message>
    <message>
        <source>This environment is read-only: nothing is rolled back from here.</source>
        <translation>This environment is read-only: nothing is rolled back from here.</translation>
    </message>
    <message numerus="yes">
        <source>Roll a module back to V1 after %n failing interval(s) in a row.</source>
        <translation>
            <numerusform>Roll a module back to V1 after %n failing interval in a row.</numerusform>
            <numerusform>Roll a module back to V1 after %n failing intervals in a row.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Inject regression</source>
        <translation>&amp;Inject regression</translation>
    </message>
    <message>
        <source>Inject a V2 regression into the simulator</source>
        <translation>Inject a V2 regression into the simulator</translation>
    </message>
    <message>
        <source>Degrades V2 of the selected module in the simulator so that the analysis and automatic rollback can be watched.</source>
        <translation>Degrades V2 of the selected module in the simulator so that the analysis and automatic rollback can be watched.</translation>
    </message>
    <message>
        <source>Latency ×2</source>
        <translation>Latency ×2</translation>
    </message>
    <message>
        <source>Throughput ÷2</source>
        <translation>Throughput ÷2</translation>
    </message>
    <message>
        <source>Memory ×1.6</source>
        <translation>Memory ×1.6</translation>
    </message>
    <message>
        <source>Error rate ×8</source>
        <translation>Error rate ×8</translation>
    </message>
    <message>
        <source>&amp;Clear injected regressions</source>
        <translation>&amp;Clear injected regressions</translation>
    </message>
    <message>
        <source>Simulator: injected regressions cleared; V2 is healthy again from now on.</source>
        <translation>Simulator: injected regressions cleared; V2 is healthy again from now on.</translation>
    </message>
    <message>
        <source>Analyze &amp;now</source>
        <translation>Analyze &amp;now</translation>
    </message>
    <message>
        <source>Analyze every module now</source>
        <translation>Analyze every module now</translation>
    </message>
    <message>
        <source>Analyze every module now (F5)</source>
        <translation>Analyze every module now (F5)</translation>
    </message>
    <message>
        <source>Rollout notice</source>
        <translation>Rollout notice</translation>
    </message>
    <message>
        <source>Rollout modules</source>
        <translation>Rollout modules</translation>
    </message>
    <message>
        <source>Promote, pause and rollback are provided by migration control.</source>
        <translation>Promote, pause and rollback are provided by migration control.</translation>
    </message>
    <message>
        <source>Analysis history</source>
        <translation>Analysis history</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>⚠ No verdict for %1, nothing rolled back: %2</source>
        <translation>⚠ No verdict for %1, nothing rolled back: %2</translation>
    </message>
    <message numerus="yes">
        <source>Simulator: V2 %1 of %2 degraded by ×%3 from now on. A breach is confirmed after %n failing interval(s).</source>
        <translation>
            <numerusform>Simulator: V2 %1 of %2 degraded by ×%3 from now on. A breach is confirmed after %n failing interval.</numerusform>
            <numerusform>Simulator: V2 %1 of %2 degraded by ×%3 from now on. A breach is confirmed after %n failing intervals.</numerusform>
        </translation>
    </message>
    <message>
        <source>Actions for the selected module</source>
        <translation>Actions for the selected module</translation>
    </message>
    <message>
        <source>Why the selected interval was judged so</source>
        <translation>Why the selected interval was judged so</translation>
    </message>
    <message>
        <source>Select an interval to see why it was judged so: the queries as sent, the samples of V1 and V2, the compared values, the threshold and the judge&apos;s verdict. The guard keeps them in the control store (cockpitctl rollout history).</source>
        <translation>Select an interval to see why it was judged so: the queries as sent, the samples of V1 and V2, the compared values, the threshold and the judge&apos;s verdict. The guard keeps them in the control store (cockpitctl rollout history).</translation>
    </message>
    <message>
        <source>⚠ The analysis history cannot be read: %1</source>
        <translation>⚠ The analysis history cannot be read: %1</translation>
    </message>
    <message>
        <source>✔ Rolled back automatically: %1</source>
        <translation>✔ Rolled back automatically: %1</translation>
    </message>
    <message>
        <source>⚠ Guard: %1</source>
        <translation>⚠ Guard: %1</translation>
    </message>
    <message>
        <source>V2 Rollout guard</source>
        <translation>V2 Rollout guard</translation>
    </message>
    <message>
        <source>Confirmed breach: %1</source>
        <translation>Confirmed breach: %1</translation>
    </message>
    <message>
        <source>V2 Rollout analysis</source>
        <translation>V2 Rollout analysis</translation>
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
        <translation>no verdict</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n series)</source>
        <translation>
            <numerusform>%1 (%n series)</numerusform>
            <numerusform>%1 (%n series)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n series could not be fetched: %1</source>
        <translation>
            <numerusform>⚠ %n series could not be fetched: %1</numerusform>
            <numerusform>⚠ %n series could not be fetched: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Cockpit::RolloutWorker</name>
    <message numerus="yes">
        <source>%n record(s) skipped, the first: %1</source>
        <translation>
            <numerusform>%n record skipped, the first: %1</numerusform>
            <numerusform>%n records skipped, the first: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Cockpit::RunStreamModel</name>
    <message>
        <source>missing</source>
        <translation>missing</translation>
    </message>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Account type</source>
        <translation>Account type</translation>
    </message>
    <message>
        <source>Legacy column</source>
        <translation>Legacy column</translation>
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
        <translation>Difference</translation>
    </message>
</context>
<context>
    <name>Cockpit::StateDiffModel</name>
    <message>
        <source>Equal</source>
        <translation>Equal</translation>
    </message>
    <message>
        <source>Only in LevelDB</source>
        <translation>Only in LevelDB</translation>
    </message>
    <message>
        <source>Only in JSON</source>
        <translation>Only in JSON</translation>
    </message>
    <message>
        <source>Mismatch</source>
        <translation>Mismatch</translation>
    </message>
    <message>
        <source>chain has no JSON file</source>
        <translation>chain has no JSON file</translation>
    </message>
    <message>
        <source>named by proxy in %1</source>
        <translation>named by proxy in %1</translation>
    </message>
    <message>
        <source>network &quot;%1&quot; vs &quot;%2&quot;</source>
        <translation>network &quot;%1&quot; vs &quot;%2&quot;</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Invalid: %1</source>
        <translation>Invalid: %1</translation>
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
        <translation>Differing fields</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Health</translation>
    </message>
</context>
<context>
    <name>Cockpit::StateSyncJob</name>
    <message>
        <source>Reading LevelDB</source>
        <translation>Reading LevelDB</translation>
    </message>
    <message>
        <source>no valid records</source>
        <translation>no valid records</translation>
    </message>
    <message>
        <source>the JSON file could not be read; fix it first</source>
        <translation>the JSON file could not be read; fix it first</translation>
    </message>
    <message>
        <source>Chain %1: %2 records</source>
        <translation>Chain %1: %2 records</translation>
    </message>
</context>
<context>
    <name>Cockpit::StateSyncPanel</name>
    <message>
        <source>&amp;Cancel sync</source>
        <translation>&amp;Cancel sync</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>C&amp;lose</translation>
    </message>
    <message>
        <source>Sync plan</source>
        <translation>Sync plan</translation>
    </message>
    <message>
        <source>The dry run&apos;s plan appears here before anything is written.</source>
        <translation>The dry run&apos;s plan appears here before anything is written.</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>Sync progress</translation>
    </message>
    <message>
        <source>Apply sync</source>
        <translation>Apply sync</translation>
    </message>
    <message>
        <source>Cancel sync</source>
        <translation>Cancel sync</translation>
    </message>
    <message>
        <source>Close sync panel</source>
        <translation>Close sync panel</translation>
    </message>
    <message>
        <source>Cancelling after the current file…</source>
        <translation>Cancelling after the current file…</translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation>Sync failed: %1</translation>
    </message>
    <message>
        <source>Computing the plan (dry run, nothing is written)…</source>
        <translation>Computing the plan (dry run, nothing is written)…</translation>
    </message>
    <message numerus="yes">
        <source>Dry run: %n change(s) planned. Review, then apply.</source>
        <translation>
            <numerusform>Dry run: %n change planned. Review, then apply.</numerusform>
            <numerusform>Dry run: %n changes planned. Review, then apply.</numerusform>
        </translation>
    </message>
    <message>
        <source>Dry run: the JSON files are up to date.</source>
        <translation>Dry run: the JSON files are up to date.</translation>
    </message>
    <message>
        <source>Cancelled; files written so far are complete. Run sync again to finish.</source>
        <translation>Cancelled; files written so far are complete. Run sync again to finish.</translation>
    </message>
    <message>
        <source>Sync finished: %1 file(s) written.</source>
        <translation>Sync finished: %1 file(s) written.</translation>
    </message>
    <message>
        <source>A previous sync was interrupted; this run completes it.
</source>
        <translation>A previous sync was interrupted; this run completes it.
</translation>
    </message>
    <message>
        <source>Chain %1 → %2: </source>
        <translation>Chain %1 → %2: </translation>
    </message>
    <message>
        <source>(no file)</source>
        <translation>(no file)</translation>
    </message>
    <message>
        <source>skipped: %1</source>
        <translation>skipped: %1</translation>
    </message>
    <message>
        <source>%1 to add, %2 to update, %3 unchanged</source>
        <translation>%1 to add, %2 to update, %3 unchanged</translation>
    </message>
    <message>
        <source>   not copied (invalid): %1
</source>
        <translation>   not copied (invalid): %1
</translation>
    </message>
    <message>
        <source>Error: %1
</source>
        <translation>Error: %1
</translation>
    </message>
    <message>
        <source>Dry run total: </source>
        <translation>Dry run total: </translation>
    </message>
    <message>
        <source>Total: </source>
        <translation>Total: </translation>
    </message>
    <message>
        <source>%1 added, %2 updated, %3 unchanged, %4 skipped</source>
        <translation>%1 added, %2 updated, %3 unchanged, %4 skipped</translation>
    </message>
    <message>
        <source>&amp;Apply sync…</source>
        <translation>&amp;Apply sync…</translation>
    </message>
    <message>
        <source>Write the planned changes to the JSON files (one atomic write per network), after you give a reason</source>
        <translation>Write the planned changes to the JSON files (one atomic write per network), after you give a reason</translation>
    </message>
    <message>
        <source>Apply sync to %1</source>
        <translation>Apply sync to %1</translation>
    </message>
    <message>
        <source>Writes &lt;b&gt;%1 added and %2 updated record(s)&lt;/b&gt; from LevelDB into the deployment files of &lt;b&gt;%3&lt;/b&gt; (one atomic write per network). The plan below is the dry run&apos;s, against the files as they are now.</source>
        <translation>Writes &lt;b&gt;%1 added and %2 updated record(s)&lt;/b&gt; from LevelDB into the deployment files of &lt;b&gt;%3&lt;/b&gt; (one atomic write per network). The plan below is the dry run&apos;s, against the files as they are now.</translation>
    </message>
    <message>
        <source>&amp;Write the files</source>
        <translation>&amp;Write the files</translation>
    </message>
    <message>
        <source>Checking that the files are as planned…</source>
        <translation>Checking that the files are as planned…</translation>
    </message>
    <message>
        <source>The files changed since you approved the plan; nothing was written. Review the new plan and apply again.</source>
        <translation>The files changed since you approved the plan; nothing was written. Review the new plan and apply again.</translation>
    </message>
</context>
<context>
    <name>Cockpit::StatusLight</name>
    <message>
        <source>Not checked yet</source>
        <translation>Not checked yet</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>unreachable</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>checking…</translation>
    </message>
</context>
<context>
    <name>Cockpit::TimeChartView</name>
    <message>
        <source>Drag to zoom into a time span, Shift+drag to pan, double-click or Escape to show everything; click a legend entry to hide or show its series.</source>
        <translation>Drag to zoom into a time span, Shift+drag to pan, double-click or Escape to show everything; click a legend entry to hide or show its series.</translation>
    </message>
    <message>
        <source>No data in this time range</source>
        <translation>No data in this time range</translation>
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
        <translation>Zoom &amp;In</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Zoom &amp;Out</translation>
    </message>
    <message>
        <source>&amp;Show Whole Range</source>
        <translation>&amp;Show Whole Range</translation>
    </message>
</context>
<context>
    <name>Cockpit::TransitionDialog</name>
    <message>
        <source>Pass</source>
        <translation>Pass</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>FAIL</translation>
    </message>
    <message>
        <source>Inconclusive</source>
        <translation>Inconclusive</translation>
    </message>
    <message>
        <source>Transition: %1</source>
        <translation>Transition: %1</translation>
    </message>
    <message>
        <source>Planning…</source>
        <translation>Planning…</translation>
    </message>
    <message>
        <source>&amp;Gates</source>
        <translation>&amp;Gates</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>Gate</source>
        <translation>Gate</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>Gate checklist</source>
        <translation>Gate checklist</translation>
    </message>
    <message>
        <source>&amp;Dry run: what will be written and run</source>
        <translation>&amp;Dry run: what will be written and run</translation>
    </message>
    <message>
        <source>Dry-run plan</source>
        <translation>Dry-run plan</translation>
    </message>
    <message>
        <source>Why? Required for rollbacks and overrides; kept in the audit log</source>
        <translation>Why? Required for rollbacks and overrides; kept in the audit log</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>&amp;Override failing gates (needs a reason)</source>
        <translation>&amp;Override failing gates (needs a reason)</translation>
    </message>
    <message>
        <source>Override failing gates</source>
        <translation>Override failing gates</translation>
    </message>
    <message>
        <source>Environment name confirmation</source>
        <translation>Environment name confirmation</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>&amp;Confirm</source>
        <translation>&amp;Confirm</translation>
    </message>
    <message>
        <source>Confirm transition</source>
        <translation>Confirm transition</translation>
    </message>
    <message>
        <source>Type &lt;b&gt;%1&lt;/b&gt; to &amp;confirm:</source>
        <translation>Type &lt;b&gt;%1&lt;/b&gt; to &amp;confirm:</translation>
    </message>
    <message>
        <source>Environment &lt;b&gt;%1&lt;/b&gt; — PRODUCTION</source>
        <translation>Environment &lt;b&gt;%1&lt;/b&gt; — PRODUCTION</translation>
    </message>
    <message>
        <source>Environment &lt;b&gt;%1&lt;/b&gt; (%2)</source>
        <translation>Environment &lt;b&gt;%1&lt;/b&gt; (%2)</translation>
    </message>
    <message>
        <source>Cannot plan this transition</source>
        <translation>Cannot plan this transition</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>Roll back</source>
        <translation>Roll back</translation>
    </message>
    <message>
        <source>Cut over</source>
        <translation>Cut over</translation>
    </message>
    <message>
        <source>%1 %2: %3 → %4</source>
        <translation>%1 %2: %3 → %4</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Resume</translation>
    </message>
    <message>
        <source>&amp;Roll back</source>
        <translation>&amp;Roll back</translation>
    </message>
    <message>
        <source>&amp;Cut over</source>
        <translation>&amp;Cut over</translation>
    </message>
    <message>
        <source>No gates</source>
        <translation>No gates</translation>
    </message>
    <message>
        <source>Rollbacks are never blocked by gates</source>
        <translation>Rollbacks are never blocked by gates</translation>
    </message>
    <message>
        <source>New content of %1:</source>
        <translation>New content of %1:</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <source>A rollback needs a reason.</source>
        <translation>A rollback needs a reason.</translation>
    </message>
    <message>
        <source>A gate did not pass: the transition is refused unless you choose Override and give a reason.</source>
        <translation>A gate did not pass: the transition is refused unless you choose Override and give a reason.</translation>
    </message>
    <message>
        <source>An override needs a reason.</source>
        <translation>An override needs a reason.</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>Ready.</translation>
    </message>
    <message>
        <source>Done: %1 is now %2 (version %3).</source>
        <translation>Done: %1 is now %2 (version %3).</translation>
    </message>
    <message>
        <source>&amp;Target phase:</source>
        <translation>&amp;Target phase:</translation>
    </message>
    <message>
        <source>Target phase</source>
        <translation>Target phase</translation>
    </message>
    <message>
        <source>&quot;%1&quot; did not pass, and an override does not lift it: %2</source>
        <translation>&quot;%1&quot; did not pass, and an override does not lift it: %2</translation>
    </message>
    <message>
        <source>&amp;Take over the running transition (stops its hook; needs a reason)</source>
        <translation>&amp;Take over the running transition (stops its hook; needs a reason)</translation>
    </message>
    <message>
        <source>Take over the running transition</source>
        <translation>Take over the running transition</translation>
    </message>
    <message>
        <source>Still running: %1</source>
        <translation>Still running: %1</translation>
    </message>
    <message>
        <source>This transition is still running (%1). Wait for it to finish, or choose Take over and give a reason.</source>
        <translation>This transition is still running (%1). Wait for it to finish, or choose Take over and give a reason.</translation>
    </message>
    <message>
        <source>Taking over a running transition needs a reason.</source>
        <translation>Taking over a running transition needs a reason.</translation>
    </message>
</context>
<context>
    <name>Cockpit::TransitionJob</name>
    <message>
        <source>Opening the control database…</source>
        <translation>Opening the control database…</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Evaluating gates…</source>
        <translation>Evaluating gates…</translation>
    </message>
    <message>
        <source>Preparing the dry run…</source>
        <translation>Preparing the dry run…</translation>
    </message>
    <message>
        <source>Running the transition…</source>
        <translation>Running the transition…</translation>
    </message>
</context>
<context>
    <name>Cockpit::WriteConfirmDialog</name>
    <message>
        <source>Planned changes</source>
        <translation>Planned changes</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Why? Kept in the audit log</source>
        <translation>Why? Kept in the audit log</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <source>Environment name confirmation</source>
        <translation>Environment name confirmation</translation>
    </message>
    <message>
        <source>Type &lt;b&gt;%1&lt;/b&gt; to &amp;confirm:</source>
        <translation>Type &lt;b&gt;%1&lt;/b&gt; to &amp;confirm:</translation>
    </message>
    <message>
        <source>What is missing</source>
        <translation>What is missing</translation>
    </message>
</context>
<context>
    <name>EnvironmentSession</name>
    <message>
        <source>Audit log</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>Could not audit &quot;%1&quot;: %2</source>
        <translation>Could not audit &quot;%1&quot;: %2</translation>
    </message>
</context>
<context>
    <name>Gates</name>
    <message>
        <source>No interrupted transition pending</source>
        <translation>No interrupted transition pending</translation>
    </message>
    <message>
        <source>no transition pending in the control database</source>
        <translation>no transition pending in the control database</translation>
    </message>
    <message>
        <source>%1 %2 -&gt; %3 (started by %4 on %5 at %6 UTC, still running)</source>
        <translation>%1 %2 -&gt; %3 (started by %4 on %5 at %6 UTC, still running)</translation>
    </message>
    <message>
        <source>%1 %2 -&gt; %3 (started by %4 on %5 at %6 UTC, interrupted)</source>
        <translation>%1 %2 -&gt; %3 (started by %4 on %5 at %6 UTC, interrupted)</translation>
    </message>
    <message>
        <source>%1 pending: %2</source>
        <translation>%1 pending: %2</translation>
    </message>
    <message>
        <source>no check defined</source>
        <translation>no check defined</translation>
    </message>
    <message>
        <source>Shadow mode %1 without discrepancies</source>
        <translation>Shadow mode %1 without discrepancies</translation>
    </message>
    <message>
        <source>Strict mode %1 without failures</source>
        <translation>Strict mode %1 without failures</translation>
    </message>
    <message>
        <source>Ledger reads within %1 % of legacy (p95)</source>
        <translation>Ledger reads within %1 % of legacy (p95)</translation>
    </message>
    <message>
        <source>No discrepancies for %1 before cutover</source>
        <translation>No discrepancies for %1 before cutover</translation>
    </message>
    <message>
        <source>%1 %2 in the last %3 (0 allowed), last at %4</source>
        <translation>%1 %2 in the last %3 (0 allowed), last at %4</translation>
    </message>
    <message>
        <source>no ledger writes in the last %1, nothing to judge</source>
        <translation>no ledger writes in the last %1, nothing to judge</translation>
    </message>
    <message>
        <source>0 %1 in the last %2 (%3 writes)</source>
        <translation>0 %1 in the last %2 (%3 writes)</translation>
    </message>
    <message>
        <source>discrepancies</source>
        <translation>discrepancies</translation>
    </message>
    <message>
        <source>failed writes</source>
        <translation>failed writes</translation>
    </message>
    <message>
        <source>no balance reads from both sources in the last %1</source>
        <translation>no balance reads from both sources in the last %1</translation>
    </message>
    <message>
        <source>p95 ledger %1 vs legacy %2 (limit %3 %)</source>
        <translation>p95 ledger %1 vs legacy %2 (limit %3 %)</translation>
    </message>
    <message>
        <source>Both stores reachable</source>
        <translation>Both stores reachable</translation>
    </message>
    <message>
        <source>LevelDB: %1; JSON folder: %2</source>
        <translation>LevelDB: %1; JSON folder: %2</translation>
    </message>
    <message>
        <source>No record differs between LevelDB and JSON</source>
        <translation>No record differs between LevelDB and JSON</translation>
    </message>
    <message>
        <source>both stores are empty or unreadable</source>
        <translation>both stores are empty or unreadable</translation>
    </message>
    <message>
        <source>%1 mismatched, %2 equal, %3 only in LevelDB (served by fallback)</source>
        <translation>%1 mismatched, %2 equal, %3 only in LevelDB (served by fallback)</translation>
    </message>
    <message>
        <source>Every LevelDB record is in the JSON files</source>
        <translation>Every LevelDB record is in the JSON files</translation>
    </message>
    <message>
        <source>%1 records only in LevelDB, %2 mismatched, %3 equal; data health %4 %</source>
        <translation>%1 records only in LevelDB, %2 mismatched, %3 equal; data health %4 %</translation>
    </message>
    <message>
        <source>Module not paused</source>
        <translation>Module not paused</translation>
    </message>
    <message>
        <source>paused by %1: %2</source>
        <translation>paused by %1: %2</translation>
    </message>
    <message>
        <source>not paused</source>
        <translation>not paused</translation>
    </message>
    <message>
        <source>Minimum dwell time at the current step</source>
        <translation>Minimum dwell time at the current step</translation>
    </message>
    <message>
        <source>%1 s of dwell time left at %2</source>
        <translation>%1 s of dwell time left at %2</translation>
    </message>
    <message>
        <source>at %1, dwell time reached</source>
        <translation>at %1, dwell time reached</translation>
    </message>
    <message>
        <source>V2 within thresholds (no confirmed breach)</source>
        <translation>V2 within thresholds (no confirmed breach)</translation>
    </message>
    <message>
        <source>no verdict: %1</source>
        <translation>no verdict: %1</translation>
    </message>
    <message>
        <source>Completion targets met (the plan&apos;s success criteria)</source>
        <translation>Completion targets met (the plan&apos;s success criteria)</translation>
    </message>
    <message>
        <source>met: %1</source>
        <translation>met: %1</translation>
    </message>
    <message>
        <source>not met: %1</source>
        <translation>not met: %1</translation>
    </message>
    <message>
        <source> (observed %1 %)</source>
        <translation> (observed %1 %)</translation>
    </message>
    <message>
        <source> (no data)</source>
        <translation> (no data)</translation>
    </message>
    <message>
        <source>not judged: %1 did not answer: %2</source>
        <translation>not judged: %1 did not answer: %2</translation>
    </message>
    <message>
        <source>no ledger gate %1</source>
        <translation>no ledger gate %1</translation>
    </message>
    <message>
        <source>ledger database unreachable: %1</source>
        <translation>ledger database unreachable: %1</translation>
    </message>
    <message>
        <source>cannot read the ledger metrics: %1</source>
        <translation>cannot read the ledger metrics: %1</translation>
    </message>
    <message>
        <source>the ledger reports no gate %1</source>
        <translation>the ledger reports no gate %1</translation>
    </message>
    <message>
        <source>service&apos;s telemetry: discrepancies in the last %1: %2</source>
        <translation>service&apos;s telemetry: discrepancies in the last %1: %2</translation>
    </message>
    <message>
        <source>%1; reconciliation runs: %2</source>
        <translation>%1; reconciliation runs: %2</translation>
    </message>
    <message>
        <source>cockpit&apos;s reconciliation: %1 complete full runs in the last %2</source>
        <translation>cockpit&apos;s reconciliation: %1 complete full runs in the last %2</translation>
    </message>
    <message>
        <source>; no run in %1 of the %2 periods (one per %3 needed), newest gap from %4</source>
        <translation>; no run in %1 of the %2 periods (one per %3 needed), newest gap from %4</translation>
    </message>
    <message>
        <source>lowest ledger_write_success_rate in the last %1: %2 (0.99 needed)</source>
        <translation>lowest ledger_write_success_rate in the last %1: %2 (0.99 needed)</translation>
    </message>
    <message>
        <source>, %1 of them found discrepancies; the newest, run %2 at %3, found %4</source>
        <translation>, %1 of them found discrepancies; the newest, run %2 at %3, found %4</translation>
    </message>
</context>
<context>
    <name>LanePages</name>
    <message>
        <source>&amp;Discrepancies</source>
        <translation>&amp;Discrepancies</translation>
    </message>
    <message>
        <source>&amp;Shadow mode &amp;&amp; balances</source>
        <translation>&amp;Shadow mode &amp;&amp; balances</translation>
    </message>
</context>
<context>
    <name>MigrationDefinition</name>
    <message>
        <source>Legacy only</source>
        <translation>Legacy only</translation>
    </message>
    <message>
        <source>Shadow mode (dual-write, legacy reads)</source>
        <translation>Shadow mode (dual-write, legacy reads)</translation>
    </message>
    <message>
        <source>Reads from ledger (still dual-writing)</source>
        <translation>Reads from ledger (still dual-writing)</translation>
    </message>
    <message>
        <source>Strict mode (fail on discrepancies)</source>
        <translation>Strict mode (fail on discrepancies)</translation>
    </message>
    <message>
        <source>Ledger only (legacy writes stopped)</source>
        <translation>Ledger only (legacy writes stopped)</translation>
    </message>
    <message>
        <source>Enable shadow mode (4.1)</source>
        <translation>Enable shadow mode (4.1)</translation>
    </message>
    <message>
        <source>Switch reads to ledger (4.2)</source>
        <translation>Switch reads to ledger (4.2)</translation>
    </message>
    <message>
        <source>Enable strict mode (4.3)</source>
        <translation>Enable strict mode (4.3)</translation>
    </message>
    <message>
        <source>Cut over to ledger only (4.4)</source>
        <translation>Cut over to ledger only (4.4)</translation>
    </message>
    <message>
        <source>Disable strict mode</source>
        <translation>Disable strict mode</translation>
    </message>
    <message>
        <source>Revert to legacy reads</source>
        <translation>Revert to legacy reads</translation>
    </message>
    <message>
        <source>Re-enable shadow mode and revert to legacy reads</source>
        <translation>Re-enable shadow mode and revert to legacy reads</translation>
    </message>
    <message>
        <source>Emergency rollback to legacy</source>
        <translation>Emergency rollback to legacy</translation>
    </message>
    <message>
        <source>Ledger migration</source>
        <translation>Ledger migration</translation>
    </message>
    <message>
        <source>LevelDB only</source>
        <translation>LevelDB only</translation>
    </message>
    <message>
        <source>Dual-write (reads from LevelDB)</source>
        <translation>Dual-write (reads from LevelDB)</translation>
    </message>
    <message>
        <source>JSON reads with LevelDB fallback</source>
        <translation>JSON reads with LevelDB fallback</translation>
    </message>
    <message>
        <source>JSON only</source>
        <translation>JSON only</translation>
    </message>
    <message>
        <source>Enable dual-write</source>
        <translation>Enable dual-write</translation>
    </message>
    <message>
        <source>Switch reads to JSON with LevelDB fallback</source>
        <translation>Switch reads to JSON with LevelDB fallback</translation>
    </message>
    <message>
        <source>Disable dual-write, JSON only</source>
        <translation>Disable dual-write, JSON only</translation>
    </message>
    <message>
        <source>Re-enable dual-write and LevelDB fallback</source>
        <translation>Re-enable dual-write and LevelDB fallback</translation>
    </message>
    <message>
        <source>Switch reads back to LevelDB</source>
        <translation>Switch reads back to LevelDB</translation>
    </message>
    <message>
        <source>Stop dual-write, LevelDB only</source>
        <translation>Stop dual-write, LevelDB only</translation>
    </message>
    <message>
        <source>Deployment state migration</source>
        <translation>Deployment state migration</translation>
    </message>
    <message>
        <source>V1 only</source>
        <translation>V1 only</translation>
    </message>
    <message>
        <source>%1 % to V2</source>
        <translation>%1 % to V2</translation>
    </message>
    <message>
        <source>V1 removed</source>
        <translation>V1 removed</translation>
    </message>
    <message>
        <source>Remove V1 module</source>
        <translation>Remove V1 module</translation>
    </message>
    <message>
        <source>Roll back to V1</source>
        <translation>Roll back to V1</translation>
    </message>
    <message>
        <source>Reinstate V1 module</source>
        <translation>Reinstate V1 module</translation>
    </message>
    <message>
        <source>V2 rollout: %1</source>
        <translation>V2 rollout: %1</translation>
    </message>
    <message>
        <source>Send %1 % of traffic to V2</source>
        <translation>Send %1 % of traffic to V2</translation>
    </message>
</context>
<context>
    <name>PageCatalog</name>
    <message>
        <source>Overview</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>Ledger</translation>
    </message>
    <message>
        <source>Deployment State</source>
        <translation>Deployment State</translation>
    </message>
    <message>
        <source>V2 Rollout</source>
        <translation>V2 Rollout</translation>
    </message>
    <message>
        <source>Audit Log</source>
        <translation>Audit Log</translation>
    </message>
</context>
<context>
    <name>StateDiff</name>
    <message>
        <source>%1 contracts in LevelDB are missing from the JSON files</source>
        <translation>%1 contracts in LevelDB are missing from the JSON files</translation>
    </message>
    <message>
        <source> (%1 of them are named by proxy address in infrastructureContracts or protocolContracts)</source>
        <translation> (%1 of them are named by proxy address in infrastructureContracts or protocolContracts)</translation>
    </message>
    <message>
        <source>%1 LevelDB records are on chains without any JSON file (%2), reported on their own</source>
        <translation>%1 LevelDB records are on chains without any JSON file (%2), reported on their own</translation>
    </message>
    <message>
        <source>%1 contracts in the JSON files are missing from LevelDB</source>
        <translation>%1 contracts in the JSON files are missing from LevelDB</translation>
    </message>
    <message>
        <source>%1 contracts differ between the stores</source>
        <translation>%1 contracts differ between the stores</translation>
    </message>
    <message>
        <source>%1 LevelDB records carry a networkName different from their chain&apos;s JSON file</source>
        <translation>%1 LevelDB records carry a networkName different from their chain&apos;s JSON file</translation>
    </message>
    <message>
        <source>%1 values or files could not be read; the diff covers the rest</source>
        <translation>%1 values or files could not be read; the diff covers the rest</translation>
    </message>
    <message>
        <source>Data health %1 % (%2 of %3 records pass validation)</source>
        <translation>Data health %1 % (%2 of %3 records pass validation)</translation>
    </message>
</context>
<context>
    <name>WritePolicy</name>
    <message>
        <source>%1 is read-only (--read-only or environment.readOnly): nothing is written</source>
        <translation>%1 is read-only (--read-only or environment.readOnly): nothing is written</translation>
    </message>
    <message>
        <source>A reason is required: this write is kept in the audit log.</source>
        <translation>A reason is required: this write is kept in the audit log.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a prod environment: type its name to confirm.</source>
        <translation>&quot;%1&quot; is a prod environment: type its name to confirm.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Run risky data and code migrations and see whether it is safe to go on.</source>
        <translation>Run risky data and code migrations and see whether it is safe to go on.</translation>
    </message>
    <message>
        <source>Environment file to open (default: the demo environment).</source>
        <translation>Environment file to open (default: the demo environment).</translation>
    </message>
    <message>
        <source>Disable every action that changes a migration.</source>
        <translation>Disable every action that changes a migration.</translation>
    </message>
    <message>
        <source>Page to show first: overview, ledger, state, rollout, audit.</source>
        <translation>Page to show first: overview, ledger, state, rollout, audit.</translation>
    </message>
    <message>
        <source>Save a screenshot of the window to FILE once the environment is open and its data shown, then quit (for docs and checks).</source>
        <translation>Save a screenshot of the window to FILE once the environment is open and its data shown, then quit (for docs and checks).</translation>
    </message>
    <message>
        <source>Milliseconds to wait before the screenshot (default 3000).</source>
        <translation>Milliseconds to wait before the screenshot (default 3000).</translation>
    </message>
    <message>
        <source>Environment file to open, as --config.</source>
        <translation>Environment file to open, as --config.</translation>
    </message>
    <message>
        <source>migration-cockpit: give one environment file (as an argument or with --config)</source>
        <translation>migration-cockpit: give one environment file (as an argument or with --config)</translation>
    </message>
    <message>
        <source>Colours for this run: system, light or dark (default: as chosen under Settings, else system).</source>
        <translation>Colours for this run: system, light or dark (default: as chosen under Settings, else system).</translation>
    </message>
    <message>
        <source>migration-cockpit: --color-scheme: &quot;%1&quot; is not system, light or dark</source>
        <translation>migration-cockpit: --color-scheme: &quot;%1&quot; is not system, light or dark</translation>
    </message>
</context>
</TS>
