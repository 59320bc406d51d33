"""svcq plugin ``welcome``: the welcome programme of owners who move in.

When an owner moves in (or a transfer completes) the community runs a
checklist of steps, each due some days after the move: welcome card and
handbook, a visit, the appliance load check, a housewarming visit. Each step
is a proactive ticket; it is done when that ticket closes (or by hand), and
a daily job raises an overdue event once per late step. See
docs/plugins/welcome.md.

Modules: :mod:`.programme` (the pure rules: steps from settings, due dates,
states), :mod:`.models` (the ``welcome_step`` table), :mod:`.plugin` (hooks,
job), :mod:`.service` (svcq.welcome.v1.WelcomeService).
"""
