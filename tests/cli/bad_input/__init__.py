"""Every bad input gets a clear answer and nothing is lost (issue 5).

Each case goes through the real entry point, in process (the ``run`` fixture: fixed width, no
colour) or in a subprocess where a real process is needed (signals, pipes, terminals, memory),
and checks the whole answer: the documented exit code, exactly one line on stderr that names the
problem (and the fix where there is one), no traceback, and nothing written or overwritten.

- ``test_data_files``: missing, unreadable, empty, binary, not UTF-8, not YAML, not a mapping,
  Python tags; through ``--data FILE``, ``$SHUSHA_DATA`` and ``validate FILE``;
- ``test_records``: every problem in the records located by file:line: wrong types in every
  field, unknown and missing keys (those tables are generated from docs/data-model.md and the
  model's types), duplicates, dangling references, bad dates and spans, paragraphs outside the
  source, YAML 1.1 traps;
- ``test_options``: dates, names ("did you mean", the candidates), vocabularies, formats, dates
  far outside the data; the README's table of exit codes;
- ``test_output``: files that must not be written or overwritten, writes cut short, Ctrl-C,
  closed pipes, a full disk;
- ``test_terminal``: data that looks like markup or escape sequences, colour, ``TERM=dumb``, 40
  and 200 columns;
- ``test_big_file``: a generated 50 MB chronology (marked ``slow``; it runs by default).

Root runs CI, and root reads a ``chmod 000`` file, so "unreadable" and "read-only" use what
denies even root: ``/proc/self/mem`` (EIO), a path under a regular file (ENOTDIR), ``/sys``
(sysfs refuses new files), and ``open``/``mkstemp`` made to raise PermissionError in process.
"""
