"""svcq plugin ``eastchina``: the East China region's customer-satisfaction plan (seed 004).

Etiquette checks per supervisor and shift recorded as inspections, the
project head's daily patrol, the monthly "what we do, you know" bulletin, one
free service per household a year, and the plan's targets with the gap. See
docs/plugins/eastchina.md.

Modules: :mod:`.plan` (the pure rules: shifts, the etiquette figure, the
bulletin, target gaps), :mod:`.models` (tables), :mod:`.plugin` (settings,
hooks, the daily patrol job), :mod:`.service` (svcq.eastchina.v1.EastChinaService).
"""
