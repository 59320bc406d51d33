"""Evaluations (DOMAIN.md §3): pure rules, and the services that store them.

The pure rules, one concern each (no storage, no gRPC):

- :mod:`.templates`   checklist templates as versioned data (``parse_template``)
- :mod:`.scoring`     server-side scores per item, discipline, person and overall
- :mod:`.inspections` a whole inspection sheet: levels, recording rules, no future times
- :mod:`.defects`     the defect-closure state machine and the rectification rate
- :mod:`.bulletin`    the monthly bulletin with the trend against last month
- :mod:`.nightchecks` random night-check slots, monthly shortfalls, storm alerts
- :mod:`.sampling`    the survey sample: rate, even spread, reproducible draw
- :mod:`.surveys`     responses, rates, concentrated issues, deadlines, targets
- :mod:`.settings`    every number of the documents, with their value as default,
                      and the ``[evaluations]`` config parser

The services built on them (storage, time zones, staff, hooks; see
docs/evaluations.md):

- :mod:`.service`     EvaluationService: templates, inspections, defects, night checks
- :mod:`.campaigns`   SurveyService: campaigns, the draw, responses, milestones, close
- :mod:`.figures`     FiguresService: scores, defects, surveys, night checks, bulletin
- :mod:`.records`     what they return, and the row <-> record conversions
"""
