"""CSV import (with a dry run and a per-row report) and CSV / XLSX export of the client list.

Import and export share one column layout, so an exported file can be edited in a spreadsheet and
imported back. An import is a tracked job: the request streams the file to an unnamed temporary
file (never whole in memory), reads it once row by row to check it, stores the job and answers
202; the job reads the file again, CHUNK_ROWS rows at a time, each chunk one transaction with a
savepoint per row, so one bad row never spoils the others and progress is visible while it runs.
A dry run goes through exactly the same code and rolls every chunk back: its report is what the
real import would do. A tenant runs at most MAX_RUNNING_IMPORTS imports at once; the next is a
429 that says when to come back.

The file lives in the process that runs the job. While it runs it writes a heartbeat; a job whose
heartbeat has stopped for STALE_SECONDS lost its process (killed, the machine gone) and is
reported as failed, with what it did until then, rather than "running" for ever.

Exports neutralise cells a spreadsheet would run as formulas (`cartera_shared.spreadsheet`); the
import takes that quote off again, so a file still round-trips.
"""
