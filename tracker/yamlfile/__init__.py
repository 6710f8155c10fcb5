"""The only door to ruamel.yaml, one module per job.

`guard` (what a file must be before it is parsed), `read` (plain data, fast), `locate` (line and
column of a path in the data), `scan` (where an edit goes in a file's text) and `roundtrip`
(editing that keeps comments and layout).

Import from the module that does the job; this package re-exports nothing, so importing
`tracker.yamlfile.guard` alone does not load ruamel.
"""
