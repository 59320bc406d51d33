"""The pure rules of evaluations (DOMAIN.md §3): no storage, no gRPC.

Modules, one concern each:

- :mod:`.templates`   checklist templates as versioned data (``parse_template``)
- :mod:`.scoring`     server-side scores per item, discipline, person and overall
- :mod:`.inspections` a whole inspection sheet: levels, recording rules, no future times
- :mod:`.defects`     the defect-closure state machine and the rectification rate
- :mod:`.bulletin`    the monthly bulletin with the trend against last month
- :mod:`.nightchecks` random night-check slots, monthly shortfalls, storm alerts
- :mod:`.sampling`    the survey sample: rate, even spread, reproducible draw
- :mod:`.surveys`     responses, rates, concentrated issues, deadlines, targets
- :mod:`.settings`    every number of the documents, with their value as default
"""
