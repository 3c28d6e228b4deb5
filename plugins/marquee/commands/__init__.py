"""What each `invoke` command does, one module per command or family; tasks.py only declares them
(their names, options and help) and hands each to a function here.

- project.py: the project the commands run in (its settings files, folders, address), Pelican runs
- serving.py: serve, preview, livereload
- editing.py: edit (the browser editor beside live reload)
- writing.py: new, check
- publishing.py: syndicate, publish, networks, accounts, backfeed, report, plan
- starting.py: init (asks for the film's facts, then marquee.init does the work)

A command that cannot go on raises invoke's Exit with the message the producer reads.
"""
